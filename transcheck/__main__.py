from transcheck.command import run

run()
