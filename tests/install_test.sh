#!/usr/bin/env bash
# Installs careforce into a temporary prefix and runs the installed binary on a copy of the
# Westbrook example outside the source tree, with $CAREFORCE_REFERENCE unset: it must use the
# reference data installed beside it (P/share/careforce/reference), not the source tree's.
# Usage: tests/install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build="$(cd "$1" && pwd)"
source_dir="$(cd "$2" && pwd)"
temp="$(mktemp -d)"
trap 'rm -rf "$temp"' EXIT
prefix="$temp/prefix"
fail() { echo "install test: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" >/dev/null
[[ -x "$prefix/bin/careforce" ]] || fail "no $prefix/bin/careforce"
diff -r "$source_dir/reference" "$prefix/share/careforce/reference" >/dev/null ||
  fail "$prefix/share/careforce/reference differs from the source tree's reference/"

cp -r "$source_dir/examples/westbrook" "$temp/westbrook"
cd "$temp"
unset CAREFORCE_REFERENCE
out="$("$prefix/bin/careforce" validate westbrook)" || fail "validate of the installed careforce failed"
[[ "$out" == "Westbrook: valid place"* ]] || fail "unexpected output: $out"

# Without its installed scope table the installed binary fails, naming the installed copy: it
# reads that one, not the source tree's compiled in.
rm "$prefix/share/careforce/reference/plan/scope.csv"
status=0
err="$("$prefix/bin/careforce" validate westbrook 2>&1 >/dev/null)" || status=$?
[[ "$status" == 2 ]] || fail "expected exit status 2 without the installed scope table, got $status"
[[ "$err" == *"$prefix/share/careforce/reference/plan/scope.csv"* ]] || fail "the error names another path: $err"

# $CAREFORCE_REFERENCE comes before the installed copy, --reference before both.
CAREFORCE_REFERENCE="$source_dir/reference" "$prefix/bin/careforce" validate westbrook >/dev/null ||
  fail "validate with CAREFORCE_REFERENCE failed"
CAREFORCE_REFERENCE="$temp/nowhere" "$prefix/bin/careforce" validate westbrook --reference "$source_dir/reference" \
  >/dev/null || fail "validate with --reference failed"
echo "install test: $prefix/bin/careforce found $prefix/share/careforce/reference"
