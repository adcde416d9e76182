"""``claimkit rules``: what each lint rule checks, from its own documentation."""

from __future__ import annotations

import click

from claimkit.cli._common import CannotRun, echo_json, format_option


@click.command("rules")
@click.argument("code", required=False)
@format_option("A table (text) or the rules as JSON.")
def rules_command(code: str | None, output_format: str) -> None:
    """List the lint rules, or explain one: what it flags, why, an example, how to fix it.

    CODE may be a rule code (CK101) or name (unsupported-claim).

    \b
    Examples:
      claimkit rules
      claimkit rules CK102
      claimkit rules unsupported-claim
    """
    from claimkit.rules import RULES, rule_for
    from claimkit.rules.docs import rule_page

    if code is not None:
        rule = rule_for(code)
        if rule is None:
            raise CannotRun(f"no rule {code!r} (see: claimkit rules)")
        if output_format == "json":
            echo_json({"rules": [_rule_json(rule)]})
        else:
            click.echo(rule_page(rule), nl=False)
        return
    if output_format == "json":
        echo_json({"rules": [_rule_json(rule) for rule in RULES.values()]})
        return
    for rule in RULES.values():
        click.echo(f"{rule.code}  {rule.name:<28} {rule.severity!s:<8} {rule.summary()}")


def _rule_json(rule: type) -> dict[str, object]:
    return {
        "code": rule.code,  # type: ignore[attr-defined]
        "name": rule.name,  # type: ignore[attr-defined]
        "severity": str(rule.severity),  # type: ignore[attr-defined]
        "summary": rule.summary(),  # type: ignore[attr-defined]
        "documentation": rule.documentation(),  # type: ignore[attr-defined]
    }
