(use-modules (no such module))
