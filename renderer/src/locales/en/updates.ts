import type { UpdateErrorReason } from '../../../../electron/core/contract/host.js';

export default {
  title: 'Updates',
  unavailable: 'This copy runs without the desktop app, so it does not update itself. Update it where it is installed (a new package, or git pull and a build), then restart it.',
  off: 'Updates are off in this build: new versions are installed by hand.',
  idle: 'The app looks for updates in the background, the first time a few minutes after it starts.',
  checking: 'Looking for an update…',
  upToDate: 'You have the latest version (checked {time}).',
  downloading: 'Downloading version {version}: {percent}%',
  ready: 'Version {version} is downloaded. It installs when you quit the app.',
  readyHint: 'It never cuts into a batch of subscribers: quitting waits until the app has saved and sent what it was working on.',
  errors: {
    offline: 'The update server could not be reached (no internet?). The app tries again in an hour.',
    'no-release': 'The update server has no release for this app yet. The app tries again in an hour.',
    'not-trusted': 'The downloaded update is not signed by the publisher, so it was not installed. The app tries again in an hour.',
    disk: 'The update could not be saved on this computer (the disk is full or the app may not write there). The app tries again in an hour.',
    other: 'Looking for an update failed. The app tries again in an hour; nothing else is affected.',
  } satisfies Record<UpdateErrorReason, string>,
};
