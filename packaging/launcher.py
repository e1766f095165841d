"""Entry point of the frozen application (``build.spec``).

A frozen application has no ``python -m``: ``Workstation central <args>`` runs the central
service's command line from the same executable, which is how the demo starts its service
(``workstation.demo``). Anything else starts the desktop application.
"""

from __future__ import annotations

import os
import sys


def main() -> int:
    # A windowed Windows executable has no console: sys.stdout/stderr are None and the first
    # print (argparse's --version, the demo's account list) would raise. Send them nowhere.
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if len(sys.argv) > 1 and sys.argv[1] == "central":
        from central.cli import main as central_main

        return central_main(sys.argv[2:])
    from workstation.app import main as app_main

    return app_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
