// Command-line entry point: replaced by the recognise/evaluate commands.
return 0;
