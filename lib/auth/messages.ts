/** The one message for a wrong email or password: it never says which of the two was wrong. */
export const WRONG_CREDENTIALS = "Email or password is incorrect.";
export const MISSING_CREDENTIALS = "Enter your email and password.";
export const SIGN_IN_UNAVAILABLE = "Sign-in is not available right now. Try again in a minute.";
