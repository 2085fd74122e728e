// POST /v1/audio/transcriptions, as OpenAI's API and Whisper servers answer it: multipart in
// (`file`, `model`, `language`, `response_format`), `{ "text": … }` out. The text says what it
// received, so a test can see the app forwarded the audio, model and language.

export const TRANSCRIPTS = { ja: '音声から書き起こした文です', en: 'text transcribed from speech' };

/** @param {import('node:http').IncomingMessage} req @param {Buffer} raw */
export async function transcription(req, raw) {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data')) {
    return {
      status: 400,
      record: { transcription: { error: 'not multipart' } },
      body: { error: { message: 'Expected multipart/form-data' } },
    };
  }
  const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
  const file = form.get('file');
  const language = String(form.get('language') ?? '');
  const record = {
    transcription: {
      model: form.get('model'),
      language,
      responseFormat: form.get('response_format'),
      fileName: file instanceof File ? file.name : null,
      fileType: file instanceof Blob ? file.type : null,
      fileBytes: file instanceof Blob ? file.size : 0,
    },
  };
  if (!(file instanceof Blob) || file.size === 0) {
    return { status: 400, record, body: { error: { message: 'No audio file' } } };
  }
  return { status: 200, record, body: { text: ` ${TRANSCRIPTS[language] ?? TRANSCRIPTS.en} ` } };
}
