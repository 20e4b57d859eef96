// The MailVox talk page: log in, press the button, talk. Built on livekit-client, bundled
// at install time (npm run build) so nothing is fetched from a CDN at run time.
import { DisconnectReason, Room, RoomEvent, Track } from 'livekit-client';

const $ = (id) => document.getElementById(id);
const REJOIN_FOR_MS = 60000; // livekit-server keeps a dropped caller's room this long
const AUDIO = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };

let room = null;
let roomName = null; // kept so a dropped call rejoins the same session
let hangingUp = false;

async function api(path, body) {
  const response = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw Object.assign(new Error(data.detail || response.statusText), { status: response.status });
  return data;
}

function show(loggedIn, identity) {
  $('login').hidden = loggedIn;
  $('call').hidden = !loggedIn;
  $('logout').hidden = !loggedIn;
  $('who').textContent = loggedIn ? identity : '';
}

const status = (text) => { $('status').textContent = text; };
const problem = (text) => { $('problem').textContent = text || ''; };

// --- captions of both sides, live --------------------------------------------------------

function captionLine(key, fromUser) {
  let line = document.querySelector(`[data-segment="${CSS.escape(key)}"]`);
  if (!line) {
    line = document.createElement('p');
    line.dataset.segment = key;
    line.className = fromUser ? 'user' : 'agent';
    $('captions').append(line);
  }
  return line;
}

async function onTranscription(reader, participantInfo) {
  const attributes = reader.info.attributes || {};
  const fromUser = participantInfo.identity === room.localParticipant.identity;
  const line = captionLine(attributes['lk.segment_id'] || reader.info.id, fromUser);
  line.classList.toggle('interim', attributes['lk.transcription_final'] !== 'true');
  let text = fromUser ? '' : line.dataset.text || '';
  for await (const chunk of reader) {
    text += chunk;
    line.dataset.text = text;
    line.textContent = `${fromUser ? 'You' : 'MailVox'}: ${text}`;
    $('captions').scrollTop = $('captions').scrollHeight;
  }
  if (!fromUser) line.classList.remove('interim'); // the agent's stream ends with its sentence
}

// --- what the agent tells the page: the email being read, drafts and sends ----------------

async function onMailvoxEvent(reader) {
  const event = JSON.parse(await reader.readAll());
  if (event.type === 'email') {
    $('email').hidden = false;
    $('email-sender').textContent = event.sender;
    $('email-subject').textContent = event.subject;
  } else if (event.type === 'draft_saved' || event.type === 'sent') {
    const item = document.createElement('li');
    item.dataset.event = event.type;
    item.textContent = event.type === 'sent'
      ? `Sent to ${event.to}: ${event.subject}`
      : `Draft saved for ${event.to}: ${event.subject}`;
    $('events').prepend(item);
  }
}

function onAttributes(changed, participant) {
  if ('lk.agent.state' in changed && participant !== room.localParticipant) {
    const state = changed['lk.agent.state'];
    $('agent-state').textContent = state;
    if (state === 'listening') status('Talk any time, even over MailVox.');
  }
}

// --- the call -------------------------------------------------------------------------------

async function listMicrophones() {
  const devices = await Room.getLocalDevices('audioinput');
  const select = $('mic');
  const chosen = select.value;
  select.replaceChildren(...devices.map((d, i) => new Option(d.label || `Microphone ${i + 1}`, d.deviceId)));
  if (chosen) select.value = chosen;
}

function newRoom() {
  const r = new Room({ audioCaptureDefaults: AUDIO, adaptiveStream: true, dynacast: true });
  r.registerTextStreamHandler('lk.transcription', onTranscription);
  r.registerTextStreamHandler('mailvox.events', onMailvoxEvent);
  r.on(RoomEvent.ParticipantAttributesChanged, onAttributes);
  r.on(RoomEvent.TrackSubscribed, (track) => {
    if (track.kind === Track.Kind.Audio) document.body.append(track.attach());
  });
  r.on(RoomEvent.TrackUnsubscribed, (track) => track.detach().forEach((el) => el.remove()));
  r.on(RoomEvent.Reconnecting, () => status('The connection dropped. Reconnecting...'));
  r.on(RoomEvent.Reconnected, () => status('Connected again. Carry on.'));
  r.on(RoomEvent.Disconnected, (reason) => onDisconnected(reason));
  r.on(RoomEvent.MediaDevicesError, (error) => micProblem(error));
  return r;
}

function micProblem(error) {
  if (error && (error.name === 'NotAllowedError' || error.name === 'SecurityError')) {
    problem('The microphone is blocked. Allow it for this page in the browser\'s settings, then press the button again.');
  } else if (error && error.name === 'NotFoundError') {
    problem('No microphone was found. Plug one in and press the button again.');
  } else {
    problem(`The microphone could not start: ${error ? error.message : 'unknown error'}`);
  }
}

async function join(rejoin) {
  const { url, token, room: name } = await api('/api/token', rejoin ? { room: roomName } : {});
  roomName = name;
  room = newRoom();
  await room.connect(url, token);
  try {
    await room.localParticipant.setMicrophoneEnabled(true, { deviceId: $('mic').value || undefined, ...AUDIO });
  } catch (error) {
    micProblem(error);
    throw error;
  }
  listMicrophones().catch(() => {});
  $('agent-state').textContent = 'joining';
  status('Connected. MailVox will greet you.');
}

async function startCall() {
  problem('');
  hangingUp = false;
  $('talk').setAttribute('aria-pressed', 'true');
  $('talk').textContent = 'Hang up';
  status('Connecting...');
  try {
    await join(false);
  } catch (error) {
    if (!$('problem').textContent) problem(`Could not connect: ${error.message}`);
    await hangUp();
  }
}

async function hangUp() {
  hangingUp = true;
  roomName = null;
  $('talk').setAttribute('aria-pressed', 'false');
  $('talk').textContent = 'Start talking';
  $('agent-state').textContent = 'not connected';
  if (room) await room.disconnect();
  room = null;
  status('Call ended. Press the button to talk again.');
}

// livekit-client resumes short drops by itself; when it gives up, join the same room again
// (the agent waits for us there) until the server would have closed it.
async function onDisconnected(reason) {
  if (hangingUp || reason === DisconnectReason.CLIENT_INITIATED) return;
  const until = Date.now() + REJOIN_FOR_MS;
  $('agent-state').textContent = 'not connected';
  for (let wait = 1000; Date.now() < until && !hangingUp; wait = Math.min(wait * 2, 8000)) {
    status('The connection dropped. Trying to get you back...');
    await new Promise((resolve) => setTimeout(resolve, wait));
    try {
      await join(true);
      status('Back in the call.');
      return;
    } catch (error) {
      if (error.status === 401) break;
    }
  }
  if (!hangingUp) {
    problem('The connection could not be restored. Press the button to start a new call.');
    await hangUp();
  }
}

// --- wiring ---------------------------------------------------------------------------------

$('talk').addEventListener('click', () => (room ? hangUp() : startCall()));
$('mic').addEventListener('change', () => room && room.switchActiveDevice('audioinput', $('mic').value));
$('logout').addEventListener('click', async () => {
  if (room) await hangUp();
  await api('/api/logout', {});
  show(false);
});
$('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('login-error').textContent = '';
  try {
    const { identity } = await api('/api/login', { username: $('username').value, password: $('password').value });
    show(true, identity);
    listMicrophones().catch(() => {});
  } catch (error) {
    $('login-error').textContent = error.message;
  }
});

api('/api/me')
  .then(({ identity }) => { show(true, identity); listMicrophones().catch(() => {}); })
  .catch(() => show(false));
