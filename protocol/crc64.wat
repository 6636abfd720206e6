;; CRC-64/XZ (ECMA-182 polynomial, reflected; the checksum COS reports as
;; x-cos-hash-crc64ecma), slicing-by-16 in WebAssembly.
;;
;; Hand-written; `npx tsx scripts/build-crc64-wasm.ts` assembles it (with the `wabt` package)
;; into protocol/crc64-wasm-bytes.ts, and a test checks the two still match. protocol/crc64.ts
;; is the reference it is tested against, at every alignment and length.
;;
;; Memory: 16 tables of 256 × i64 at 0 (table k at k × 2048: the CRC register after byte n
;; followed by k zero bytes), then from 65536 a 1 MiB scratch area the caller copies data into.
;; `update` takes the register (init all ones, no final xor: the caller complements it) and
;; returns it, so one instance serves any number of independent hashers.
(module
  (memory (export "memory") 18)

  ;; Table 0 bit by bit, tables 1–15 from the one before: T[k][n] = T[k-1][n] >> 8 ^ T[0][low byte].
  (func $tables
    (local $n i32) (local $k i32) (local $bit i32) (local $c i64) (local $prev i64)
    (loop $bytes
      (local.set $c (i64.extend_i32_u (local.get $n)))
      (local.set $bit (i32.const 8))
      (loop $bits
        ;; c = c >> 1 ^ (c & 1 ? POLY : 0)
        (local.set $c
          (i64.xor
            (i64.shr_u (local.get $c) (i64.const 1))
            (i64.and
              (i64.const 0xc96c5795d7870f42)
              (i64.sub (i64.const 0) (i64.and (local.get $c) (i64.const 1))))))
        (br_if $bits (local.tee $bit (i32.sub (local.get $bit) (i32.const 1)))))
      (i64.store (i32.shl (local.get $n) (i32.const 3)) (local.get $c))
      (br_if $bytes
        (i32.lt_u (local.tee $n (i32.add (local.get $n) (i32.const 1))) (i32.const 256))))
    (local.set $k (i32.const 1))
    (loop $table
      (local.set $n (i32.const 0))
      (loop $entry
        (local.set $prev
          (i64.load
            (i32.add
              (i32.mul (i32.sub (local.get $k) (i32.const 1)) (i32.const 2048))
              (i32.shl (local.get $n) (i32.const 3)))))
        (i64.store
          (i32.add (i32.mul (local.get $k) (i32.const 2048)) (i32.shl (local.get $n) (i32.const 3)))
          (i64.xor
            (i64.shr_u (local.get $prev) (i64.const 8))
            (i64.load (i32.shl (i32.and (i32.wrap_i64 (local.get $prev)) (i32.const 0xff)) (i32.const 3)))))
        (br_if $entry
          (i32.lt_u (local.tee $n (i32.add (local.get $n) (i32.const 1))) (i32.const 256))))
      (br_if $table
        (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const 16)))))
  (start $tables)

  ;; The register after `len` bytes at `p`. Sixteen bytes a step, each looked up in its own
  ;; table (byte i of the step in table 15 - i); the bytes left over one at a time.
  ;; Offsets into a table are byte × 8: (word >> (8j - 3)) & 0x7f8 for byte j of a word.
  (func (export "update") (param $crc i64) (param $p i32) (param $len i32) (result i64)
    (local $end i32) (local $q i64) (local $a i32) (local $b i32) (local $c i32) (local $d i32)
    (local.set $end (i32.add (local.get $p) (i32.and (local.get $len) (i32.const -16))))
    (if (i32.lt_u (local.get $p) (local.get $end))
      (then
        (loop $steps
          (local.set $q (i64.xor (i64.load (local.get $p)) (local.get $crc)))
          (local.set $a (i32.wrap_i64 (local.get $q)))
          (local.set $b (i32.wrap_i64 (i64.shr_u (local.get $q) (i64.const 32))))
          (local.set $q (i64.load offset=8 (local.get $p)))
          (local.set $c (i32.wrap_i64 (local.get $q)))
          (local.set $d (i32.wrap_i64 (i64.shr_u (local.get $q) (i64.const 32))))
          (local.set $crc
            (i64.xor
              (i64.xor
                (i64.xor
                  (i64.xor
                    (i64.load offset=30720 (i32.and (i32.shl (local.get $a) (i32.const 3)) (i32.const 0x7f8)))
                    (i64.load offset=28672 (i32.and (i32.shr_u (local.get $a) (i32.const 5)) (i32.const 0x7f8))))
                  (i64.xor
                    (i64.load offset=26624 (i32.and (i32.shr_u (local.get $a) (i32.const 13)) (i32.const 0x7f8)))
                    (i64.load offset=24576 (i32.and (i32.shr_u (local.get $a) (i32.const 21)) (i32.const 0x7f8)))))
                (i64.xor
                  (i64.xor
                    (i64.load offset=22528 (i32.and (i32.shl (local.get $b) (i32.const 3)) (i32.const 0x7f8)))
                    (i64.load offset=20480 (i32.and (i32.shr_u (local.get $b) (i32.const 5)) (i32.const 0x7f8))))
                  (i64.xor
                    (i64.load offset=18432 (i32.and (i32.shr_u (local.get $b) (i32.const 13)) (i32.const 0x7f8)))
                    (i64.load offset=16384 (i32.and (i32.shr_u (local.get $b) (i32.const 21)) (i32.const 0x7f8))))))
              (i64.xor
                (i64.xor
                  (i64.xor
                    (i64.load offset=14336 (i32.and (i32.shl (local.get $c) (i32.const 3)) (i32.const 0x7f8)))
                    (i64.load offset=12288 (i32.and (i32.shr_u (local.get $c) (i32.const 5)) (i32.const 0x7f8))))
                  (i64.xor
                    (i64.load offset=10240 (i32.and (i32.shr_u (local.get $c) (i32.const 13)) (i32.const 0x7f8)))
                    (i64.load offset=8192 (i32.and (i32.shr_u (local.get $c) (i32.const 21)) (i32.const 0x7f8)))))
                (i64.xor
                  (i64.xor
                    (i64.load offset=6144 (i32.and (i32.shl (local.get $d) (i32.const 3)) (i32.const 0x7f8)))
                    (i64.load offset=4096 (i32.and (i32.shr_u (local.get $d) (i32.const 5)) (i32.const 0x7f8))))
                  (i64.xor
                    (i64.load offset=2048 (i32.and (i32.shr_u (local.get $d) (i32.const 13)) (i32.const 0x7f8)))
                    (i64.load (i32.and (i32.shr_u (local.get $d) (i32.const 21)) (i32.const 0x7f8))))))))
          (br_if $steps
            (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 16))) (local.get $end))))))
    (local.set $end (i32.add (local.get $end) (i32.and (local.get $len) (i32.const 15))))
    (block $done
      (loop $bytes
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        ;; crc = T[0][(crc ^ byte) & 0xff] ^ crc >> 8
        (local.set $crc
          (i64.xor
            (i64.load
              (i32.shl
                (i32.and
                  (i32.xor (i32.wrap_i64 (local.get $crc)) (i32.load8_u (local.get $p)))
                  (i32.const 0xff))
                (i32.const 3)))
            (i64.shr_u (local.get $crc) (i64.const 8))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $bytes)))
    (local.get $crc))
)
