#!/usr/bin/env bash
# Runs `facerestore train` in the background on N threads at low priority, recording start, end and exit status
# beside its log (logs_train/NAME.{log,time}); the zoo's CPU runs were launched this way:
#     bash scripts/train_bg.sh NAME THREADS CONFIG [train options...]
set -u
name=$1 threads=$2
shift 2
mkdir -p logs_train
(
    echo "start $(date -u +%FT%TZ) threads $threads: facerestore train $*" >> "logs_train/$name.time"
    OMP_NUM_THREADS=$threads MKL_NUM_THREADS=$threads nice -n 5 .venv/bin/facerestore train "$@" >> "logs_train/$name.log" 2>&1
    echo "rc $?" >> "logs_train/$name.time"
    echo "end $(date -u +%FT%TZ)" >> "logs_train/$name.time"
) &
