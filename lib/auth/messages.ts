/** The one message for a wrong email or password: it never says which of the two was wrong. */
export const WRONG_CREDENTIALS = "Email or password is incorrect.";
export const MISSING_CREDENTIALS = "Enter your email and password.";
export const SIGN_IN_UNAVAILABLE = "Sign-in is not available right now. Try again in a minute.";
export const WRONG_CODE = "That code is not right. Enter the 6 digits your app shows now, or a recovery code.";
export const MISSING_CODE = "Enter the code from your authenticator app, or a recovery code.";
export const CHALLENGE_EXPIRED = "That sign-in took too long or had too many wrong codes. Enter your password again.";
