#!/usr/bin/env bash
# Writes a long scenario to stdout: N open/data/close lifecycles with random losses, duplicates
# and jitter (the view benchmark's history). 700 lifecycles make 14,112 trace events, 420 make
# 10,197 (the HTML export benchmark).
#   scripts/long-scenario.sh 700 > /tmp/long.tcps && tcpstep trace /tmp/long.tcps --json | wc -l
set -euo pipefail
lifecycles=${1:-700}
cat <<HEAD
title Benchmark: $lifecycles lifecycles with random faults
set profile linux
set latency 20ms
set seed 42
set loss 2%
set duplicate 1%
set jitter 5% 30ms
server listen 80
HEAD
for ((i = 0; i < lifecycles; i++)); do
  printf 'at %ds client connect 80\n+100ms client send 1000\n+100ms server send 1000\n+100ms client close\n+100ms server close\n' "$i"
done
