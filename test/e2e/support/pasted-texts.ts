/** What the operator copies in the real world, around the values the wizard needs. */

/** @BotFather's answer to /newbot, as Telegram shows it (the token on its own line). */
export function botFatherMessage(username: string, token: string): string {
  return [
    `Done! Congratulations on your new bot. You will find it at t.me/${username}. You can now add a description, about section and profile picture for your bot, see /help for a list of commands. By the way, when you've finished creating your cool bot, ping our Bot Support if you want a better username for it. Just make sure the bot is fully operational before you do this.`,
    '',
    'Use this token to access the HTTP API:',
    token,
    'Keep your token secure and store it safely, it can be used by anyone to control your bot.',
    '',
    'For a description of the Bot API, see this page: https://core.telegram.org/bots/api',
  ].join('\n');
}

/** The Yespo API address that names the bot, as a developer might send it to the shop owner. */
export function yespoTokensUrl(appUuid: string): string {
  return `https://yespo.io/api/v1/apps/${appUuid}/tokens`;
}
