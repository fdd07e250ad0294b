/** Plain, accessible emails: a text part always, and a simple HTML part with the same content. */
function escape(s: string) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export function emailLayout(title: string, paragraphs: string[], action?: { label: string; url: string }) {
  const text = [title, "", ...paragraphs, ...(action ? ["", `${action.label}: ${action.url}`] : [])].join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#111;max-width:560px;margin:auto;padding:24px">
<h1 style="font-size:20px">${escape(title)}</h1>
${paragraphs.map((p) => `<p>${escape(p)}</p>`).join("\n")}
${action ? `<p><a href="${escape(action.url)}" style="display:inline-block;background:#111;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escape(action.label)}</a></p><p style="font-size:12px;color:#555">Or paste this link into your browser: ${escape(action.url)}</p>` : ""}
<p style="font-size:12px;color:#555">Livebase</p></body></html>`;
  return { text, html };
}

export function magicLinkEmail(url: string) {
  return {
    subject: "Your Livebase sign-in link",
    kind: "auth.magic_link",
    ...emailLayout(
      "Sign in to Livebase",
      [
        "Use the button below to sign in. The link works once and expires in 24 hours.",
        "If you did not ask for it, ignore this email.",
      ],
      { label: "Sign in", url },
    ),
  };
}

export function passwordResetEmail(url: string) {
  return {
    subject: "Reset your Livebase password",
    kind: "auth.password_reset",
    ...emailLayout(
      "Reset your password",
      [
        "Someone (hopefully you) asked to reset the password of this Livebase account. The link works once and expires in 1 hour.",
        "If it was not you, ignore this email: your password stays as it is.",
      ],
      { label: "Choose a new password", url },
    ),
  };
}

export function passwordResetUnknownEmail(signUpUrl: string) {
  return {
    subject: "Livebase password reset",
    kind: "auth.password_reset_unknown",
    ...emailLayout(
      "No Livebase account for this address",
      [
        "Someone asked to reset the password of a Livebase account with this email address, but there is none.",
        "If it was you, you may have signed up with another address, or you can create an account.",
      ],
      { label: "Create an account", url: signUpUrl },
    ),
  };
}

export function invitationEmail(input: {
  workspaceName: string;
  role: string;
  inviterName: string;
  url: string;
  expiresAt: Date;
}) {
  return {
    subject: `You're invited to ${input.workspaceName} on Livebase`,
    kind: "workspace.invitation",
    ...emailLayout(
      `Join ${input.workspaceName}`,
      [
        `${input.inviterName} invited you to join ${input.workspaceName} on Livebase as ${input.role}.`,
        `The invitation expires on ${input.expiresAt.toUTCString()}.`,
      ],
      { label: "Accept the invitation", url: input.url },
    ),
  };
}

/** To a walk-in booked by the studio's staff: a new account chooses its password; an existing one just signs in. */
export function walkInWelcomeEmail(input: { workspaceName: string; newAccount: boolean; url: string; days: number }) {
  return {
    subject: `Your booking at ${input.workspaceName} on Livebase`,
    kind: "workspace.walk_in",
    ...emailLayout(
      `Welcome to ${input.workspaceName}`,
      input.newAccount
        ? [
            `The studio booked a session for you at the front desk and made you a Livebase account with this address.`,
            `Choose a password to see your bookings, move or cancel them, and book again. The link works once and expires in ${input.days} days.`,
          ]
        : [
            `The studio booked a session for you at the front desk and added your Livebase account to ${input.workspaceName} as a creator.`,
            `Sign in to see your bookings, move or cancel them, and book again.`,
          ],
      input.newAccount ? { label: "Choose a password", url: input.url } : { label: "See my bookings", url: input.url },
    ),
  };
}
