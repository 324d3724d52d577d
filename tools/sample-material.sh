#!/usr/bin/env bash
# The sample site's material (recipes/media/sample) is made by tools/ChildProtection.SampleMaterial and committed.
#   tools/sample-material.sh          regenerate it (after changing the generator)
#   tools/sample-material.sh check    regenerate in memory and fail if a committed file differs
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tools/ChildProtection.SampleMaterial -c Release -v q -nologo >/dev/null
exec dotnet tools/ChildProtection.SampleMaterial/bin/Release/net10.0/ChildProtection.SampleMaterial.dll "$@"
