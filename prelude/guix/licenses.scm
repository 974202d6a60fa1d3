;;; (guix licenses): license objects under Guix's names.

(define-module (guix licenses)
  #:export (license? license-name license-uri license-comment
            agpl3 agpl3+ apsl2 asl1.1 asl2.0 boost1.0 bsd-0 bsd-2 bsd-3 bsd-4 cc0 cc-by-sa4.0 cc-by4.0
            epl1.0 epl2.0 expat fdl1.3+ freebsd gpl1 gpl1+ gpl2 gpl2+ gpl3 gpl3+ isc lgpl2.0 lgpl2.0+
            lgpl2.1 lgpl2.1+ lgpl3 lgpl3+ mpl2.0 non-copyleft public-domain unlicense x11 zlib
            fsf-free fsdg-compatible))

(define-record-type <license>
  (license name uri comment)
  license?
  (name license-name)
  (uri license-uri)
  (comment license-comment))

(define (gnu name version)
  (license name (string-append "https://www.gnu.org/licenses/" version ".html") #f))

(define agpl3 (gnu "AGPL 3" "agpl"))
(define agpl3+ (gnu "AGPL 3+" "agpl"))
(define apsl2 (license "APSL 2.0" "https://opensource.apple.com/license/apsl/" #f))
(define asl1.1 (license "ASL 1.1" "http://directory.fsf.org/wiki/License:Apache1.1" #f))
(define asl2.0 (license "ASL 2.0" "http://www.apache.org/licenses/LICENSE-2.0" #f))
(define boost1.0 (license "Boost 1.0" "http://www.boost.org/users/license.html" #f))
(define bsd-0 (license "Zero-Clause BSD" "https://spdx.org/licenses/0BSD.html" #f))
(define bsd-2 (license "FreeBSD" "http://directory.fsf.org/wiki/License:FreeBSD" #f))
(define bsd-3 (license "Modified BSD" "http://directory.fsf.org/wiki/License:BSD_3Clause" #f))
(define bsd-4 (license "Original BSD" "http://directory.fsf.org/wiki/License:BSD_4Clause" #f))
(define cc0 (license "CC0" "http://directory.fsf.org/wiki/License:CC0" #f))
(define cc-by-sa4.0 (license "CC-BY-SA 4.0" "http://creativecommons.org/licenses/by-sa/4.0/" #f))
(define cc-by4.0 (license "CC-BY 4.0" "http://creativecommons.org/licenses/by/4.0/" #f))
(define epl1.0 (license "EPL 1.0" "http://directory.fsf.org/wiki/License:EPLv1.0" #f))
(define epl2.0 (license "EPL 2.0" "https://www.eclipse.org/legal/epl-2.0/" #f))
(define expat (license "Expat" "http://directory.fsf.org/wiki/License:Expat" #f))
(define fdl1.3+ (gnu "FDL 1.3+" "fdl"))
(define freebsd bsd-2)
(define gpl1 (gnu "GPL 1" "old-licenses/gpl-1.0"))
(define gpl1+ (gnu "GPL 1+" "old-licenses/gpl-1.0"))
(define gpl2 (gnu "GPL 2" "old-licenses/gpl-2.0"))
(define gpl2+ (gnu "GPL 2+" "old-licenses/gpl-2.0"))
(define gpl3 (gnu "GPL 3" "gpl"))
(define gpl3+ (gnu "GPL 3+" "gpl"))
(define isc (license "ISC" "http://directory.fsf.org/wiki/License:ISC" #f))
(define lgpl2.0 (gnu "LGPL 2.0" "old-licenses/lgpl-2.0"))
(define lgpl2.0+ (gnu "LGPL 2.0+" "old-licenses/lgpl-2.0"))
(define lgpl2.1 (gnu "LGPL 2.1" "old-licenses/lgpl-2.1"))
(define lgpl2.1+ (gnu "LGPL 2.1+" "old-licenses/lgpl-2.1"))
(define lgpl3 (gnu "LGPL 3" "lgpl"))
(define lgpl3+ (gnu "LGPL 3+" "lgpl"))
(define mpl2.0 (license "MPL 2.0" "http://directory.fsf.org/wiki/License:MPLv2.0" #f))
(define public-domain (license "Public Domain" "http://directory.fsf.org/wiki/License:PublicDomain" #f))
(define unlicense (license "Unlicense" "https://unlicense.org/" #f))
(define x11 (license "X11" "http://directory.fsf.org/wiki/License:X11" #f))
(define zlib (license "Zlib" "http://www.gzip.org/zlib/zlib_license.html" #f))
(define (non-copyleft uri . comment) (license "non-copyleft" uri (if (pair? comment) (car comment) #f)))
(define (fsf-free uri . comment) (license "FSF-free" uri (if (pair? comment) (car comment) #f)))
(define (fsdg-compatible uri . comment) (license "FSDG-compatible" uri (if (pair? comment) (car comment) #f)))
