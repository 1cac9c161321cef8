#!/bin/sh
# Regenerates Sources/ProofmintABCIProto/*.pb.swift from proto/ (CometBFT v0.38's ABCI definitions, see proto/README.md).
# Not part of the build or CI: the generated files are committed. Needs Debian's `protobuf-compiler` (for `protoc` and
# google/protobuf/*.proto under /usr/include) and `protoc-gen-swift` from swift-protobuf 1.39.0, built once:
#   git clone https://github.com/apple/swift-protobuf.git /tmp/swift-protobuf && cd /tmp/swift-protobuf \
#     && git checkout 1.39.0 && swift build -c release --product protoc-gen-swift
# Usage: scripts/generate_abci_proto.sh [path/to/protoc-gen-swift]
set -eu
cd "$(dirname "$0")/.."
PLUGIN="${1:-${PROTOC_GEN_SWIFT:-/tmp/swift-protobuf/.build/release/protoc-gen-swift}}"
OUT=Sources/ProofmintABCIProto
if [ ! -x "$PLUGIN" ]; then echo "protoc-gen-swift not found at $PLUGIN (build it as the header of this script says)" >&2; exit 1; fi
command -v protoc >/dev/null || { echo "protoc not found: apt-get install -y protobuf-compiler" >&2; exit 1; }
rm -f "$OUT"/*.pb.swift
mkdir -p "$OUT"
# Public visibility: ProofmintABCI and the end-to-end tests use the types from another module.
# FileNaming=PathToUnderscores keeps tendermint/crypto/... and tendermint/types/... apart in one flat target.
protoc -I proto -I /usr/include \
  --plugin=protoc-gen-swift="$PLUGIN" \
  --swift_opt=Visibility=Public --swift_opt=FileNaming=PathToUnderscores \
  --swift_out="$OUT" \
  tendermint/abci/types.proto tendermint/crypto/keys.proto tendermint/crypto/proof.proto \
  tendermint/types/params.proto tendermint/types/validator.proto
ls "$OUT"/*.pb.swift
