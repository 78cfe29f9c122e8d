#!/usr/bin/env bash
# After a zoo alias's training legs have finished: embed the last leg's model, test it on the whole test split,
# record the result in the entry, draw its sample grid and regenerate the zoo docs. The zoo's CPU models were
# finished this way:
#     bash scripts/finish_alias.sh ALIAS HARDWARE NOTES_JSON CONFIG:WORK_DIR [CONFIG:WORK_DIR ...]
set -euo pipefail
alias=$1 hardware=$2 notes=$3
shift 3
py=${PYTHON:-.venv/bin/python}
config=${1%%:*}
$py scripts/embed_model.py "$alias" "$@" --hardware "$hardware" --notes "$notes"
$py -m facerestore test "$config" --checkpoint "zoo/$alias" --out "results/$alias"
protocol=$($py -c "import facerestore.zoo as z; print(z.protocol_text(z.entries()['$alias']['protocol']))")
$py scripts/record_results.py "$alias" "results/$alias.json" --protocol "$protocol; predictions clamped to [0, 1]; embedded fp16 weights" \
    --command "facerestore test $config --checkpoint zoo/$alias --out results/$alias"
$py scripts/zoo_grids.py "$alias"
$py scripts/zoo_table.py
