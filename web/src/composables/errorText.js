import { CLIENT_CODES } from '../api/client.js'

// The sentence shown for an error: the API's own message (already in the user's language through
// Accept-Language), or a translated one for failures that have no API answer.
export function errorText(error, t) {
  if (!error) return ''
  switch (error.code) {
    case CLIENT_CODES.network:
      return t('errors.network')
    case CLIENT_CODES.badResponse:
      return t('errors.badResponse')
    case CLIENT_CODES.httpStatus:
      return t('errors.httpStatus', { status: error.status })
    default:
      return error.message || t('errors.unknown')
  }
}
