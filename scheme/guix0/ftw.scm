;;; (ice-9 ftw): walking a file tree. Entries come in sorted order (Guile
;;; takes the directory's own order, which differs from one file system to
;;; another), so walks are reproducible. The root module offers these
;;; names, loading this file on first use.

(define-module (guix0 ftw)
  #:export (file-system-fold file-system-tree ftw))

;; The names in a directory but "." and "..", or the errno (an integer)
;; if it cannot be read.
(define (directory-entries dir)
  (catch 'system-error
    (lambda () (filter (lambda (name) (not (member name '("." "..")))) (scandir dir)))
    (lambda args (system-error-errno args))))

;; Run `thunk` on the stat of `file` or, if that fails, call
;; (on-error errno).
(define (with-stat stat file thunk on-error)
  (let ((st (catch 'system-error
              (lambda () (stat file))
              (lambda args (cons 'errno (system-error-errno args))))))
    (if (and (pair? st) (eq? (car st) 'errno))
        (on-error (cdr st))
        (thunk st))))

(define* (file-system-fold enter? leaf down up skip error init file-name #:optional (stat lstat))
  ;; Directories entered, by device and inode: a link back up is passed
  ;; over, as Guile does.
  (let ((entered (make-hash-table)))
    (let walk ((path file-name) (result init))
      (with-stat stat path
        (lambda (st)
          (let ((id (cons (stat:dev st) (stat:ino st))))
            (cond ((not (eq? (stat:type st) 'directory)) (leaf path st result))
                  ((hash-ref entered id #f) result)
                  ((not (enter? path st result)) (skip path st result))
                  (else
                   (hash-set! entered id #t)
                   (let ((names (directory-entries path)))
                     (if (integer? names)
                         (error path st names result)
                         (up path st (fold (lambda (name result) (walk (string-append path "/" name) result))
                                           (down path st result) names))))))))
        (lambda (errno) (error path #f errno result))))))

;; (name stat child ...) for a directory, (name stat) for anything else.
(define* (file-system-tree file-name #:optional (enter? (lambda (name stat) #t)) (stat lstat))
  (let tree ((path file-name))
    (let ((name (basename path)))
      (with-stat stat path
        (lambda (st)
          (if (and (eq? (stat:type st) 'directory) (enter? path st))
              (let ((names (directory-entries path)))
                (cons* name st (map (lambda (child) (tree (string-append path "/" child)))
                                    (if (integer? names) '() names))))
              (list name st)))
        (lambda (errno) (list name #f))))))

;; Call (proc file stat flag) on every file reached by following links,
;; each file once; stop with proc's result when it is not #t. The options
;; ('hash-size N) only size Guile's table of files seen.
(define (ftw start proc . options)
  (let ((seen (make-hash-table)))
    (call/ec
     (lambda (return)
       (let walk ((path start))
         (define (visit st flag)
           (let ((r (proc path st flag)))
             (unless (eq? r #t) (return r))))
         (with-stat stat path
           (lambda (st)
             (let ((id (cons (stat:dev st) (stat:ino st))))
               (unless (hash-ref seen id #f)
                 (hash-set! seen id #t)
                 (if (eq? (stat:type st) 'directory)
                     (let ((names (directory-entries path)))
                       (visit st (if (integer? names) 'directory-not-readable 'directory))
                       (unless (integer? names)
                         (for-each (lambda (name) (walk (string-append path "/" name))) names)))
                     (visit st 'regular)))))
           (lambda (errno)
             (with-stat lstat path
               (lambda (st) (visit st 'symlink))
               (lambda (errno) (visit #f 'invalid-stat))))))
       #t))))
