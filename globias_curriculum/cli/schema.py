"""`schema`: the JSON Schema editors use for one document kind, or where it is installed."""

from __future__ import annotations

import sys

import click


@click.command("schema")
@click.argument("kind", type=click.Choice(["course", "programme", "framework", "guidelines"]), default="course")
@click.option("--path", "show_path", is_flag=True, help="Print the installed file's path instead of the schema.")
@click.option("--url", "show_url", is_flag=True, help="Print the URL where this release publishes it.")
def command(kind: str, show_path: bool, show_url: bool) -> int:
    """Print the JSON Schema for editors of one document kind (default: course).

    Name it on a file's first line and yaml-language-server (VS Code's YAML extension, and editors that use the
    server) completes fields and allowed values and marks mistakes as you type:

    \b
      # yaml-language-server: $schema=<the --url, or the --path for a copy that works offline>

    \b
    Examples:
      globias-curriculum schema --path            # the installed course schema, for an offline modeline
      globias-curriculum schema programme > programme.schema.json

    \b
    Exit codes: 0 printed; 2 a usage error.
    """
    from ..authoring import editor_schema_path, published_schema_url

    if show_path and show_url:
        raise click.UsageError("--path and --url: give one of them")
    if show_path:
        click.echo(str(editor_schema_path(kind)))
    elif show_url:
        click.echo(published_schema_url(kind))
    else:
        sys.stdout.write(editor_schema_path(kind).read_text(encoding="utf-8"))
    return 0
