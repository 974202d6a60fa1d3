;;; (ice-9 ftw): walking a file tree. Entries come in sorted order (Guile
;;; takes the directory's own order, which differs from one file system to
;;; another), so walks are reproducible. The root module offers these
;;; names, loading this file on first use.

(define-module (guix0 ftw)
  #:export (file-system-fold file-system-tree ftw nftw))

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

;; Guile's nftw: PROC gets each file's name, stat, flag, the index of its
;; base name in the name and its depth. Options: 'physical (do not follow
;; symbolic links), 'depth (a directory after its contents, flagged
;; 'directory-processed), 'mount (stay on the first file system), 'chdir
;; (PROC runs in the directory holding the file: the name is still the
;; whole one, its base name starts at the index) and 'hash-size N (a hint,
;; unused).
;; As ftw, a file reached twice (through a link) is visited once, and a
;; PROC result other than #t stops the walk with that result.
(define (nftw start proc . options)
  (define physical? (memq 'physical options))
  (define depth? (memq 'depth options))
  (define chdir? (memq 'chdir options))
  (define seen (make-hash-table))
  (define start-dev (and (memq 'mount options) (catch 'system-error (lambda () (stat:dev (lstat start))) (const #f))))
  ;; Where the base name starts: after the last slash, but 0 for START.
  (define (base-index path level)
    (let ((slash (string-rindex path #\/)))
      (if (and (> level 0) slash) (+ slash 1) 0)))
  (call/ec
   (lambda (return)
     (define (visit path st flag level)
       (let ((r (if (and chdir? (> level 0))
                    (let ((here (getcwd)) (dir (dirname path)))
                      (dynamic-wind (lambda () (chdir dir))
                                    (lambda () (proc path st flag (base-index path level) level))
                                    (lambda () (chdir here))))
                    (proc path st flag (base-index path level) level))))
         (unless (eq? r #t) (return r))))
     (let walk ((path start) (level 0))
       (with-stat (if physical? lstat stat) path
         (lambda (st)
           (let ((id (cons (stat:dev st) (stat:ino st))))
             (unless (or (hash-ref seen id #f) (and start-dev (not (= (stat:dev st) start-dev))))
               (hash-set! seen id #t)
               (case (stat:type st)
                 ((directory)
                  (let ((names (directory-entries path)))
                    (cond ((integer? names) (visit path st 'directory-not-readable level))
                          (else
                           (unless depth? (visit path st 'directory level))
                           (for-each (lambda (name) (walk (string-append path "/" name) (+ level 1))) names)
                           (when depth? (visit path st 'directory-processed level))))))
                 ((symlink)
                  (visit path st (if (file-exists? path) 'symlink 'stale-symlink) level))
                 (else (visit path st 'regular level))))))
         (lambda (errno)
           (with-stat lstat path
             (lambda (st) (visit path st 'stale-symlink level))
             (lambda (errno) (visit path #f 'invalid-stat level))))))
     #t)))
