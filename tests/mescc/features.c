/* Structs, pointers, recursion, switch and string literals: a compile test
   for MesCC under guix0 and mes (tests/mescc.rs). */
#include <stdio.h>
#include <string.h>

struct point
{
  int x;
  int y;
};

struct segment
{
  struct point from;
  struct point to;
  char *label;
};

static int
length2 (struct segment *s)
{
  int dx = s->to.x - s->from.x;
  int dy = s->to.y - s->from.y;
  return dx * dx + dy * dy;
}

static int
fact (int n)
{
  if (n <= 1)
    return 1;
  return n * fact (n - 1);
}

static char const *
classify (int c)
{
  switch (c)
    {
    case 0:
      return "zero";
    case 1:
    case 2:
      return "small";
    default:
      return "big";
    }
}

int
main ()
{
  struct segment s;
  struct point *p = &s.to;
  char buffer[32];
  int i;
  s.from.x = 1;
  s.from.y = 2;
  p->x = 3;
  p->y = 6;
  s.label = "diagonal";
  p->x = p->x + 1;
  for (i = 0; i < 3; i++)
    puts (classify (i));
  strcpy (buffer, s.label);
  puts (buffer);
  return length2 (&s) + fact (5) + strlen ("string literal");
}
