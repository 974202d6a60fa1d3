(display "unterminated
(newline)
