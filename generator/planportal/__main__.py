from planportal.commands.cli import main

raise SystemExit(main())
