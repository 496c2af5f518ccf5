// Only a path inside the app is followed after log-in (no "//evil.example" or absolute URLs).
export function safeRedirect(target) {
  return typeof target === 'string' && target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/\\')
    ? target
    : '/'
}
