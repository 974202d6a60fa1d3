int
main ()
{
  puts ("Hello, Mes!\n");
  return 42;
}
