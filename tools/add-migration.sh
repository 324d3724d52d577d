#!/usr/bin/env bash
# Adds an EF Core migration for both providers to one module.
#   tools/add-migration.sh Core InitialCreate
#   tools/add-migration.sh Users AddApiTokens
# A module's contexts are Sqlite<Prefix>DbContext and Postgres<Prefix>DbContext; their migrations live in
# Data/Migrations/Sqlite and Data/Migrations/Postgres of the module's project.
set -euo pipefail
module="$1"; name="$2"; prefix="${3:-$module}"
project="src/ChildProtection.$module/ChildProtection.$module.csproj"
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet tool run dotnet-ef migrations add "$name" --project "$project" --startup-project "$project" \
    --context "${provider}${prefix}DbContext" --output-dir "Data/Migrations/$provider"
done
