#!/bin/bash
# Mutation score of the models, the parameter declarations and the data loader (see benchmarks/mutation.md).
#   benchmarks/mutation/mutation.sh WORKDIR [SESSION...]
# Copies the committed tree (HEAD) to WORKDIR, makes one cosmic-ray session per module with the tests
# that cover it, marks a fixed sample of the mutants to run, runs them one at a time (never in the
# repository itself: cosmic-ray rewrites the file it mutates), and prints the report.
set -euo pipefail
ROOT=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
PY=${PYTHON:-$ROOT/.venv/bin/python}
BIN=$(dirname "$PY")
WORK=$(mkdir -p "$1" && cd "$1" && pwd); shift
HERE=$ROOT/benchmarks/mutation
git -C "$ROOT" archive HEAD | tar -x -C "$WORK"
mkdir -p "$WORK/cr"
cd "$WORK"

EVERY="tests/test_model_takeaways.py tests/test_model_ranges.py tests/test_model_declarations.py::test_declaration_is_sane"
MODELS="tests/test_model_freemium.py tests/test_model_open_source.py tests/test_model_crowdsourcing.py"
MODELS="$MODELS tests/test_model_referrals.py tests/test_model_crowdfunding.py"
# name | module | tests | share of code mutants run | share of declaration mutants run
SESSIONS=$(cat <<TABLE
finance|widgets/models/finance.py|tests/test_model_freemium.py tests/test_model_open_source.py|1.0|1.0
wording|widgets/models/wording.py|tests/test_model_takeaways.py|0.5|0.5
freemium|widgets/models/freemium.py|tests/test_model_freemium.py $EVERY|0.15|0.1
open_source|widgets/models/open_source.py|tests/test_model_open_source.py $EVERY|0.15|0.1
contests|widgets/models/contests.py|tests/test_model_crowdsourcing.py $EVERY|0.08|0.05
user_design|widgets/models/user_design.py|tests/test_model_crowdsourcing.py $EVERY|0.08|0.05
crowdfunding|widgets/models/crowdfunding.py|tests/test_model_crowdfunding.py $EVERY|0.08|0.05
referrals|widgets/models/referrals.py|tests/test_model_referrals.py $EVERY|0.08|0.05
params|widgets/params.py|tests/test_params.py tests/test_model_declarations.py $MODELS|0.25|0.1
data|widgets/data.py|tests/test_data.py|0.12|0.1
TABLE
)
# Operators: one swap per arithmetic operator, boundary and negated comparisons, constants (+1 / −1),
# negated conditions, and/or, True/False, loops that never run. Other swaps add cost, not insight.
EXCLUDE='"core/ReplaceBinaryOperator_(?!(Add_Sub|Sub_Add|Mul_Div|Div_Mul|Pow_Mul|FloorDiv_Div|Mod_FloorDiv)$).*",
  "core/ReplaceComparisonOperator_(?!(Lt_LtE|LtE_Lt|Gt_GtE|GtE_Gt|Eq_NotEq|NotEq_Eq|Lt_GtE|GtE_Lt|Gt_LtE|LtE_Gt|Is_IsNot|IsNot_Is|In_NotIn|NotIn_In)$).*",
  "core/ReplaceUnaryOperator_(?!(USub_UAdd|Not_Nothing)$).*", "core/VariableInserter.*", "core/VariableReplacer.*",
  "core/ReplaceBreakWithContinue", "core/ReplaceContinueWithBreak", "core/RemoveDecorator", "core/ExceptionReplacer"'

while IFS='|' read -r name module tests code_share declaration_share; do
  if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then continue; fi
  cat > "cr/$name.toml" <<TOML
[cosmic-ray]
module-path = "$module"
timeout = 120.0
excluded-modules = []
test-command = "env HYPOTHESIS_PROFILE=mutation PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 PYTHONPATH=$WORK $PY -m pytest -x -q -p no:cacheprovider -o addopts= $tests"

[cosmic-ray.distributor]
name = "local"

[cosmic-ray.filters.operators-filter]
exclude-operators = [$EXCLUDE]
TOML
  rm -f "cr/$name.sqlite"
  "$BIN/cosmic-ray" init "cr/$name.toml" "cr/$name.sqlite"
  "$BIN/cr-filter-operators" "cr/$name.sqlite" "cr/$name.toml"
  PYTHONPATH="$HERE" "$PY" "$HERE/sample.py" "$name" "$code_share" "$declaration_share"
done <<< "$SESSIONS"

for toml in cr/*.toml; do
  name=$(basename "$toml" .toml)
  echo "$(date -u +%T) $name"
  nice -n 10 "$BIN/cosmic-ray" exec "$toml" "cr/$name.sqlite"
done
"$PY" "$HERE/report.py" "$WORK" --survivors
