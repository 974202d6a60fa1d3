(vector-ref (vector 1 2 3) 10)
