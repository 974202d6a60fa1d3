(display #xZZ)
