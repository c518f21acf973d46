#!/bin/sh
# cmake --install puts the binary, the man pages, the catalog and the completion scripts where
# they belong, and each installed script is what `pipeline completion SHELL` prints.
# Usage: install_test.sh BUILD_DIR
set -eu
build=$1
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
fail=0
for f in bin/pipeline share/man/man1/pipeline.1 share/man/man5/pipeline-config.5 share/man/man5/pipeline-project.5 \
         share/locale/zh_CN/LC_MESSAGES/pipeline.mo; do
    [ -f "$prefix/$f" ] || { echo "missing: $f"; fail=1; }
done
check() {
    if "$prefix/bin/pipeline" completion "$1" | cmp -s - "$prefix/$2"; then echo "ok   $1: $2"
    else echo "FAIL $1: $2 differs from pipeline completion $1"; fail=1; fi
}
check bash share/bash-completion/completions/pipeline
check zsh share/zsh/vendor-completions/_pipeline
check fish share/fish/vendor_completions.d/pipeline.fish
# The installed binary speaks Chinese from the installed catalog.
if LANG=zh_CN.UTF-8 "$prefix/bin/pipeline" --help | grep -q "命令行补全"; then echo "ok   the installed catalog is found"
else echo "FAIL the installed binary does not find its catalog"; fail=1; fi
exit $fail
