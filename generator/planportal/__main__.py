from planportal.cli import main

raise SystemExit(main())
