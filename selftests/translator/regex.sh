#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The regex compiler (translator/regex.c) and matcher (kmod/regex.c) on the
# host: SystemTap 4.8's compile errors, match results and groups.  Every
# expected answer here is what 4.8 gave for the same regex and subject (the
# run/regex_* corpus cases and `stap -p2` for the errors).
. "$(dirname "$0")/../lib.sh"
bin=$OUT/regex_test
mkdir -p "$OUT"
${CC:-cc} -O2 -std=gnu11 -Wall -Wextra -Werror -D_GNU_SOURCE \
	-I"$TOP/kmod/include" -I"$TOP/translator" -o "$bin" \
	"$TOP/selftests/translator/regex_test.c" "$TOP/translator/regex.c" \
	"$TOP/translator/util.c" "$TOP/kmod/regex.c" || fail "build regex_test"

bad=0
# t REGEX SUBJECT EXPECTED: REGEX as written in a script, SUBJECT as the
# string value; EXPECTED "0", "1" or "1 [group0] [group1]...".
t() {
	local got
	got=$("$bin" "$1" "$2")
	[ "$3" = 1 ] && got=${got%% *}
	if [ "$got" != "$3" ]; then
		echo "FAIL: '$2' =~ '$1': expected '$3', got '$got'"
		bad=1
	fi
}
# e REGEX MESSAGE: the compile error
e() {
	local got
	got=$("$bin" "$1")
	if [ "$got" != "regex compilation error$2" ]; then
		echo "FAIL: regex '$1': expected 'regex compilation error$2', got '$got'"
		bad=1
	fi
}

# anchors
t '^abc$' abc 1;  t '^abc' xabc 0;  t 'abc$' abcx 0
t '^$' '' 1;  t '' '' 1;  t '^$' x 0
t '^' abc 1;  t '$' abc 1;  t 'b|^c' abc 1
t 'a|^b' ba 1;  t 'x|^b' ab 0;  t 'a^b' 'a^b' 0
t 'a$b' ab 0;  t '^(ab)*$' abab 1;  t '^(ab)*$' aba 0
t 'line$' $'line\nnext' 0;  t '^next' $'line\nnext' 0
# classes
t '[a-z]' q 1;  t '[a-z]' Q 0;  t '[^0-9]' 5 0;  t '[^0-9]' x 1
t '[]a]' ']' 1;  t '[]a]' a 1;  t '[a-]' - 1
t '^[a-c-]$' b 1;  t '^[a-c-]$' - 1;  t '^[a-c-]$' d 0
t '^[[:alpha:]]+$' Az 1;  t '^[[:alpha:]]+$' A1 0
t '^[[:alnum:]]+$' a1B2 1;  t '^[[:alnum:]]+$' a_ 0
t '^[[:digit:]]+$' 0129 1;  t '^0x[[:xdigit:]]+$' 0x1f 1
t '^[[:lower:]]+$' ab 1;  t '^[[:lower:]]+$' aB 0
t '^[[:upper:]]+$' AB 1;  t '^[[:blank:]]+$' $' \t' 1
t '^[[:space:]]+$' $' \t\n\r' 1;  t '^[[:graph:]]+$' 'a b' 0
t '^[[:print:]]+$' 'a b' 1;  t '^[[:punct:]]+$' '!?.' 1
t '[[:punct:]]' '\' 0;  t '[[:punct:]]' a 0
t '[[:cntrl:]]' $'\t' 1;  t '[[:cntrl:]]' a 0;  t '[[:d:]]' x9 1
t '[[:s:]]' a 0;  t '[[:u:]]' A 1;  t '[[:l:]]' a 1
t '^[[:alpha:]]]$' 'a]' 1;  t '[[]' '[' 1;  t '[^[:alpha:]]' x 0
t '^[^[:alpha:][:space:]]$' 3 1;  t '^[^[:alpha:][:space:]]$' ' ' 0
# alternation
t 'dog|cat' cat 1;  t 'dog|cat' cow 0;  t '^(dog|cat)$' dog 1
t 'a|' '' 1;  t '|b' b 1;  t 'a|b|c|y' xyz 1
t '(a|ab)(c|bcd)' abcd '1 [abcd] [a] [bcd]'
t 'x(y|yz)' xyz '1 [xyz] [yz]'
t '(foo|foobar)' foobar '1 [foobar] [foobar]'
t '(a)|(ab)' ab '1 [ab] [a] [ab]'
t '(a)|b' b '1 [b] []'
t 'a(b|c)*' abc '1 [abc] [c]'
# repetition
t '^a{2}$' aa 1;  t '^a{2}$' aaa 0;  t '^a{2,}$' a 0;  t '^a{2,}$' aaaa 1
t '^a{2,3}$' a 0;  t '^a{2,3}$' aaa 1;  t '^a{2,3}$' aaaa 0;  t '^a{0,2}$' '' 1
t '^a*b$' b 1;  t '^a+b$' aaab 1;  t '^a+b$' b 0
t '^a?b$' ab 1;  t '^a?b$' aab 0;  t '^(ab){2}$' abab 1
t '^x{0}xx$' xx 1;  t '^a{3,2}$' aaa 0;  t '^a{1}{2}$' aa 1
t 'a{2,3}' aaaa '1 [aaa]'
t 'a*' xaaay '1 []'
t 'a+' baaa '1 [aaa]'
t '(a*)(a)' aaa '1 [aaa] [aa] [a]'
t '(a?)(a*)' aaa '1 [aaa] [a] [aa]'
t '(abc){1,2}' abcabc '1 [abcabc] [abc]'
t '([a-z]+)([0-9]*)' ab12 '1 [ab12] [ab] [12]'
# groups
t '^(([0-9]+)-([0-9]+))-([0-9]+)$' 2024-01-15 \
	'1 [2024-01-15] [2024-01] [2024] [01] [15]'
t '(h(e(l+)o)) (w)' 'say hello world' '1 [hello w] [hello] [ello] [ll] [w]'
t 'a()b' xabx '1 [ab] []'
t '(ab)+' abab '1 [abab] [ab]'
t 'y' xyz '1 [y]'
t 'X(.*)X' aXbXc '1 [XbX] [b]'
t '([a-z]+) ([a-z]+)' 'one two' '1 [one two] [one] [two]'
t '(a)(x)?' aa '1 [a] [a] []'
t '(z)' nomatch 0
# case and special characters
t 'hello' Hello 0;  t 'Hello' Hello 1;  t '^[A-Z]+$' HELLO 1
t '[H]ello' hello 0;  t '[Hh]ello' hello 1
t 'a\\.c' a.c 1;  t 'a\\.c' abc 0;  t 'a.c' abc 1
t 'a\.c' abc 1;  t 'a\\+b' a+b 1
t '^a\\*b$' 'a*b' 1;  t '^\\(x\\)$' '(x)' 1;  t '^a\\|b$' 'a|b' 1
t '^\\$5$' '$5' 1;  t '^\\^$' '^' 1;  t '^a\\{2}$' 'a{2}' 1
t 'b\tt' $'tab\there' 0;  t 'b\\tt' $'tab\there' 0;  t '\\x41' A 0
t '\\\\' '\' 1;  t '^a\\\\b$' 'a\b' 1;  t '^\\d$' d 1
t '^(?:ab)$' ':ab' 1;  t '^(?:ab)$' ab 0;  t 'a)' 'a)' 1
t '\"' '"' 1;  t 'x/y' x/y 1;  t 'a b' 'a b' 1
t '^[.]+' a.b 0;  t '^[.]$' . 1
t '(?:ab):(cd)' ab:cd 0
# long subjects
long=; for i in $(seq 40); do long+=abcdefghij; done
t 'jabc' "$long" 1;  t '^(abcdefghij)*$' "$long" 1;  t '^(abcdefghij)*k' "$long" 0
t 'XYZ$' "${long}XYZ" 1;  t '([A-Z]+)' "${long}XYZ" '1 [XYZ] [XYZ]'
t '^a*b$' aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab 1

# compile errors
e '*a' " (at position 0): unexpected '*'"
e 'a|*' " (at position 2): unexpected '*'"
e '(?x)' " (at position 2): unexpected '(?x'"
e '[[:foo:]]' ": unknown character class 'foo'"
e '[z-a]' " (at position 4): Inverted character range z-a"
e 'a{2' " (at position 3): unexpected end of regex"
e 'a{x}' " (at position 3): expected number"
e 'a{,3}' " (at position 3): expected number"
e 'a{}' " (at position 3): expected number"
e 'a{2,x}' " (at position 5): expected '}' or number"
e 'x{2,3' " (at position 4): expected }, found end of regex"
e 'a{99999}' " (at position 8): 99999 is too large"
e '[abc' " (at position 3): unclosed character class"
e '[]' " (at position 1): unclosed character class"
e '[[:alpha' " (at position 8): unclosed character class '[:alph'"
e '^*' " (at position 1): postfix closure '*' applied to anchoring operator"
e 'a)b' " (at position 2): unbalanced ')'"
e '\\' " (at position 2): unexpected end of regex"
e '\x4' " (at position 1): two hex digits required in escape sequence"
e '(ab' " (at position 2): expected ), found end of regex"
e '((a)' " (at position 3): expected ), found end of regex"
e '(unclosed' " (at position 8): expected ), found end of regex"
for ok in 'a**b' 'a)' '\8'; do
	got=$("$bin" "$ok")
	[ -z "$got" ] || { echo "FAIL: regex '$ok' must compile: $got"; bad=1; }
done
exit $bad
