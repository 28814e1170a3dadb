/** A problem with the command's input or output: printed as one line, exit status 1. */
export class CliError extends Error {}
