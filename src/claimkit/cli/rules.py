"""``claimkit rules``: what each lint rule checks, from its own documentation."""

from __future__ import annotations

import click

from claimkit.cli._common import CannotRun, echo_rendered, format_option
from claimkit.output.rules import RULES_FORMATS


@click.command("rules")
@click.argument("code", required=False)
@format_option(RULES_FORMATS)
def rules_command(code: str | None, output_format: str) -> None:
    """List the lint rules, or explain one: what it flags, why, an example, how to fix it.

    CODE may be a rule code (CK101) or name (unsupported-claim).

    \b
    Examples:
      claimkit rules
      claimkit rules CK102
      claimkit rules unsupported-claim
    """
    from claimkit.linting.rules import RULES, rule_for
    from claimkit.output.rules import RulesView

    if code is None:
        view = RulesView(tuple(RULES.values()))
    else:
        rule = rule_for(code)
        if rule is None:
            raise CannotRun(f"no rule {code!r} (see: claimkit rules)")
        view = RulesView((rule,), one=True)
    echo_rendered(RULES_FORMATS[output_format].render(view))
