import { UserError } from "../util/errors.js";

/** The command line itself is wrong (an empty question, a missing argument): exit code 2, like Commander's own. */
export class UsageError extends UserError {}
