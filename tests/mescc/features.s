

<
:length2
	push___%rbp
	mov____%rsp,%rbp
	sub____$i32,%rsp %0x10a4
	mov____%rbp,%rax
	add____$i8,%rax !0x10
	mov____(%rax),%rax
	add____$i8,%rax !0x8
	add____$i8,%rax !0x0
	movzlq_(%rax),%rax
	movslq_%eax,%rax
	mov____%rbp,%rdi
	add____$i8,%rdi !0x10
	mov____(%rdi),%rdi
	add____$i8,%rdi !0x0
	add____$i8,%rdi !0x0
	movzlq_(%rdi),%rdi
	movslq_%edi,%rdi
	sub____%rdi,%rax
	mov____%eax,0x8(%rbp) !0x-8
	mov____%rbp,%rax
	add____$i8,%rax !0x10
	mov____(%rax),%rax
	add____$i8,%rax !0x8
	add____$i8,%rax !0x4
	movzlq_(%rax),%rax
	movslq_%eax,%rax
	mov____%rbp,%rdi
	add____$i8,%rdi !0x10
	mov____(%rdi),%rdi
	add____$i8,%rdi !0x0
	add____$i8,%rdi !0x4
	movzlq_(%rdi),%rdi
	movslq_%edi,%rdi
	sub____%rdi,%rax
	mov____%eax,0x8(%rbp) !0x-10
	mov____0x8(%rbp),%rax !0x-8
	movslq_%eax,%rax
	mov____0x8(%rbp),%rdi !0x-8
	movslq_%edi,%rdi
	mul____%rdi
	mov____0x8(%rbp),%rdi !0x-10
	movslq_%edi,%rdi
	push___%rax
	mov____%rdi,%rax
	mov____0x8(%rbp),%rdi !0x-10
	movslq_%edi,%rdi
	mul____%rdi
	mov____%rax,%rdi
	pop____%rax
	add____%rdi,%rax
	mov____%rbp,%rsp
	pop____%rbp
	ret


<
:fact
	push___%rbp
	mov____%rsp,%rbp
	sub____$i32,%rsp %0x10a4
	mov____0x8(%rbp),%rax !0x10
	movslq_%eax,%rax
	mov____$i32,%rdi %0x1
	sub____%rdi,%rax
	setle__%al
	movzbq_%al,%rax
	test___%rax,%rax
					# jmp test LABEL
	je32   %_fact_1_break
	mov____$i32,%rax %0x1
	mov____%rbp,%rsp
	pop____%rbp
	ret
	jmp32  %_fact_1_break
:_fact_1_break
	mov____0x8(%rbp),%rax !0x10
	movslq_%eax,%rax
	push___%rax
	push___%rax
	mov____%rdi,%rax
	mov____0x8(%rbp),%rdi !0x10
	movslq_%edi,%rdi
	add____$i8,%rdi !0x-1
	push___%rdi
	mov____%rax,%rdi
	pop____%rax
	xchg___%rax,(%rsp)
	call32 %fact
	add____$i8,%rsp !0x8
	mov____%rax,%rdi
	pop____%rax
	mul____%rdi
	mov____%rbp,%rsp
	pop____%rbp
	ret


<
:classify
	push___%rbp
	mov____%rsp,%rbp
	sub____$i32,%rsp %0x10a4
	mov____0x8(%rbp),%rax !0x10
	movslq_%eax,%rax
:_classify_1_clause0
	cmp____$i8,%rax !0x0
	je32   %_classify_1_body0
	jmp32  %_classify_1_clause1
:_classify_1_body0
	mov____$i64,%rax &_string_/work/main/tests/mescc/features.s_0 %0
	mov____%rbp,%rsp
	pop____%rbp
	ret
:_classify_1_clause1
	cmp____$i8,%rax !0x1
	je32   %_classify_1_body1
	cmp____$i8,%rax !0x2
	je32   %_classify_1_body1
	jmp32  %_classify_1_clause2
:_classify_1_body1
	mov____$i64,%rax &_string_/work/main/tests/mescc/features.s_1 %0
	mov____%rbp,%rsp
	pop____%rbp
	ret
:_classify_1_clause2
:_classify_1_default
:_classify_1_body2
	mov____$i64,%rax &_string_/work/main/tests/mescc/features.s_2 %0
	mov____%rbp,%rsp
	pop____%rbp
	ret
	jmp32  %_classify_1_break
:_classify_1_clause3
	jmp32  %_classify_1_default
:_classify_1_break
	mov____%rbp,%rsp
	pop____%rbp
	ret


<
:main
	push___%rbp
	mov____%rsp,%rbp
	sub____$i32,%rsp %0x10a4
	mov____%rbp,%rax
	add____$i8,%rax !0x-20
	add____$i8,%rax !0x8
	mov____%rax,0x8(%rbp) !0x-28
	mov____$i32,%rax %0x1
	mov____%rbp,%rdi
	add____$i8,%rdi !0x-20
	add____$i8,%rdi !0x0
	add____$i8,%rdi !0x0
	mov____%eax,(%rdi)
	test___%rax,%rax
	mov____$i32,%rax %0x2
	mov____%rbp,%rdi
	add____$i8,%rdi !0x-20
	add____$i8,%rdi !0x0
	add____$i8,%rdi !0x4
	mov____%eax,(%rdi)
	test___%rax,%rax
	mov____$i32,%rax %0x3
	mov____%rbp,%rdi
	add____$i8,%rdi !0x-28
	mov____(%rdi),%rdi
	add____$i8,%rdi !0x0
	mov____%eax,(%rdi)
	test___%rax,%rax
	mov____$i32,%rax %0x6
	mov____%rbp,%rdi
	add____$i8,%rdi !0x-28
	mov____(%rdi),%rdi
	add____$i8,%rdi !0x4
	mov____%eax,(%rdi)
	test___%rax,%rax
	mov____$i64,%rax &_string_/work/main/tests/mescc/features.s_3 %0
	mov____%rbp,%rdi
	add____$i8,%rdi !0x-20
	add____$i8,%rdi !0x10
	mov____%rax,(%rdi)
	test___%rax,%rax
	mov____%rbp,%rax
	add____$i8,%rax !0x-28
	mov____(%rax),%rax
	add____$i8,%rax !0x0
	movzlq_(%rax),%rax
	movslq_%eax,%rax
	add____$i8,%rax !0x1
	mov____%rbp,%rdi
	add____$i8,%rdi !0x-28
	mov____(%rdi),%rdi
	add____$i8,%rdi !0x0
	mov____%eax,(%rdi)
	test___%rax,%rax
	mov____$i32,%rax %0x0
	mov____%rax,0x8(%rbp) !0x-50
	test___%rax,%rax
	jmp32  %_main_44_initial_skip
:_main_44_loop
	push___%rax
	push___%rax
	mov____%rdi,%rax
	mov____0x8(%rbp),%rdi !0x-50
	movslq_%edi,%rdi
	push___%rdi
	mov____%rax,%rdi
	pop____%rax
	xchg___%rax,(%rsp)
	call32 %classify
	add____$i8,%rsp !0x8
	mov____%rax,%rdi
	pop____%rax
	push___%rdi
	call32 %puts
	add____$i8,%rsp !0x8
	test___%rax,%rax
:_main_44_continue
	mov____0x8(%rbp),%rax !0x-50
	movslq_%eax,%rax
	mov____%rbp,%rdi
	add____$i8,%rdi !0x-50
	addl___$i8,(%rdi) !0x1
:_main_44_initial_skip
	mov____0x8(%rbp),%rax !0x-50
	movslq_%eax,%rax
	mov____$i32,%rdi %0x3
	sub____%rdi,%rax
	setl___%al
	movzbq_%al,%rax
	test___%rax,%rax
					# jmp test LABEL
	je32   %_main_44_break
	jmp32  %_main_44_loop
:_main_44_break
	mov____%rbp,%rdi
	add____$i8,%rdi !0x-20
	add____$i8,%rdi !0x10
	mov____(%rdi),%rdi
	push___%rdi
	mov____%rbp,%rdi
	add____$i8,%rdi !0x-48
	push___%rdi
	call32 %strcpy
	add____$i8,%rsp !0x10
	test___%rax,%rax
	mov____%rbp,%rdi
	add____$i8,%rdi !0x-48
	push___%rdi
	call32 %puts
	add____$i8,%rsp !0x8
	test___%rax,%rax
	mov____%rbp,%rdi
	add____$i8,%rdi !0x-20
	push___%rdi
	call32 %length2
	add____$i8,%rsp !0x8
	push___%rax
	push___%rax
	mov____%rdi,%rax
	mov____$i32,%rdi %0x5
	push___%rdi
	mov____%rax,%rdi
	pop____%rax
	xchg___%rax,(%rsp)
	call32 %fact
	add____$i8,%rsp !0x8
	mov____%rax,%rdi
	pop____%rax
	add____%rdi,%rax
	push___%rax
	push___%rax
	mov____%rdi,%rax
	push___$i32 &_string_/work/main/tests/mescc/features.s_4
	mov____%rax,%rdi
	pop____%rax
	xchg___%rax,(%rsp)
	call32 %strlen
	add____$i8,%rsp !0x8
	mov____%rax,%rdi
	pop____%rax
	add____%rdi,%rax
	mov____%rbp,%rsp
	pop____%rbp
	ret


:ELF_data


:HEX2_data

:_string_/work/main/tests/mescc/features.s_0
"zero"

:_string_/work/main/tests/mescc/features.s_1
"small"

:_string_/work/main/tests/mescc/features.s_2
"big"

:_string_/work/main/tests/mescc/features.s_3
"diagonal"

:_string_/work/main/tests/mescc/features.s_4
"string literal"
