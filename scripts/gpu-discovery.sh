#!/usr/bin/env bash
# Spark GPU discovery script (spark.executor.resource.gpu.discoveryScript, also usable for the driver and a
# standalone Worker): prints the GPUs of this host as the JSON Spark expects, e.g.
#   {"name":"gpu","addresses":["0","1"]}
# Addresses are nvidia-smi's GPU indices (what CUDA_VISIBLE_DEVICES takes). Without nvidia-smi the host has no usable
# NVIDIA GPU: an empty address list, so Spark reports too few GPUs instead of a script error. When nvidia-smi exists
# but fails (driver not loaded), that failure is reported and the script exits non-zero.
set -euo pipefail

if ! command -v nvidia-smi >/dev/null 2>&1; then
  echo '{"name":"gpu","addresses":[]}'
  exit 0
fi

if ! indices=$(nvidia-smi --query-gpu=index --format=csv,noheader); then
  echo "gpu-discovery: nvidia-smi failed; is the NVIDIA driver loaded?" >&2
  exit 1
fi

addresses=""
while IFS= read -r index; do
  index="${index//[[:space:]]/}"
  [ -z "$index" ] && continue
  if ! [[ "$index" =~ ^[0-9]+$ ]]; then
    echo "gpu-discovery: unexpected GPU index from nvidia-smi: '$index'" >&2
    exit 1
  fi
  addresses="${addresses:+$addresses,}\"$index\""
done <<<"$indices"
echo "{\"name\":\"gpu\",\"addresses\":[$addresses]}"
