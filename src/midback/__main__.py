from midback.cli import main

main()
