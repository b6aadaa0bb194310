#!/usr/bin/env bash
# The server's own MULTIPART ceiling: one multipart upload of FILE made with plain curl (no SDK, no
# checksums, no client logic), the same part size and parts in flight as Strata's defaults, timed
# from CreateMultipartUpload to the end of CompleteMultipartUpload. On s3rver a multipart upload
# costs the server far more than one PUT (it reassembles the parts on completion), so this, not a
# single PUT, is what a multipart client can reach.
#
# Usage: ceiling-multipart.sh ENDPOINT BUCKET/KEY FILE [PART_SIZE_BYTES] [CONCURRENCY] [PARTS_DIR]
#   Defaults: 16 MiB parts, 16 in flight (engine/options.ts). The file is split into PARTS_DIR
#   (default: FILE.parts-<size>, kept for the next run) before the clock starts.
# Prints the seconds on stdout. Unsigned requests: s3rver does not check signatures.
set -euo pipefail
EP=$1 TARGET=$2 FILE=$3
PART=${4:-$((16 * 1024 * 1024))}
CONC=${5:-16}
PARTS=${6:-$FILE.parts-$PART}
URL="$EP/$TARGET"
SIZE=$(stat -c %s "$FILE")
if [ ! -f "$PARTS/.complete" ] || [ "$(cat "$PARTS/.complete")" != "$SIZE" ]; then
  rm -rf "$PARTS"; mkdir -p "$PARTS"
  split -b "$PART" -a 5 -d "$FILE" "$PARTS/p"
  echo "$SIZE" > "$PARTS/.complete"
fi
COUNT=$(find "$PARTS" -maxdepth 1 -type f -name 'p[0-9]*' | wc -l)
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT

start=$(date +%s.%N)
UPLOAD_ID=$(curl -sf -X POST "$URL?uploads" | sed -n 's:.*<UploadId>\(.*\)</UploadId>.*:\1:p')
[ -n "$UPLOAD_ID" ] || { echo "ceiling-multipart: no UploadId from $URL?uploads" >&2; exit 1; }
# One curl per part, CONC at a time; each part's ETag is kept from its response headers.
seq 1 "$COUNT" | xargs -P "$CONC" -I{} sh -c '
  n={}; f=$(printf "%s/p%05d" "$1" $((n - 1)))
  curl -sf -D - -o /dev/null -T "$f" "$2?partNumber=$n&uploadId=$3" | tr -d "\r" |
    sed -n "s/^[Ee][Tt][Aa][Gg]: *//p" > "$4/$n"
  [ -s "$4/$n" ]' _ "$PARTS" "$URL" "$UPLOAD_ID" "$TMP"
{
  echo '<CompleteMultipartUpload>'
  for n in $(seq 1 "$COUNT"); do echo "<Part><PartNumber>$n</PartNumber><ETag>$(cat "$TMP/$n")</ETag></Part>"; done
  echo '</CompleteMultipartUpload>'
} > "$TMP/complete.xml"
curl -sf -X POST --data-binary "@$TMP/complete.xml" -H 'Content-Type: application/xml' \
  "$URL?uploadId=$UPLOAD_ID" > "$TMP/complete.out"
end=$(date +%s.%N)

grep -q '<ETag>' "$TMP/complete.out" || { echo "ceiling-multipart: completion failed: $(head -c 300 "$TMP/complete.out")" >&2; exit 1; }
GOT=$(curl -sfI "$URL" | tr -d '\r' | sed -n 's/^[Cc]ontent-[Ll]ength: *//p')
[ "$GOT" = "$SIZE" ] || { echo "ceiling-multipart: object has $GOT bytes, expected $SIZE" >&2; exit 1; }
printf '%.3f\n' "$(echo "$end - $start" | bc)"
