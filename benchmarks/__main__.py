from benchmarks.throughput import main

raise SystemExit(main())
