

<
:main
	push___%rbp
	mov____%rsp,%rbp
	sub____$i32,%rsp %0x10a4
	push___$i32 &_string_/work/main/tests/mescc/hello.s_0
	call32 %puts
	add____$i8,%rsp !0x8
	test___%rax,%rax
	mov____$i32,%rax %0x2a
	mov____%rbp,%rsp
	pop____%rbp
	ret


:ELF_data


:HEX2_data

:_string_/work/main/tests/mescc/hello.s_0
"Hello, Mes!
"
