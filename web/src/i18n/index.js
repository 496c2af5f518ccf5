// vue-i18n set-up: zh-CN by default, English on request; the choice is remembered in localStorage.
import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN.js'
import en from './en.js'

export const LOCALES = Object.freeze(['zh-CN', 'en'])
export const DEFAULT_LOCALE = 'zh-CN'
const STORAGE_KEY = 'chemsafe.locale'

function storedLocale() {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY)
    return LOCALES.includes(v) ? v : DEFAULT_LOCALE
  } catch {
    return DEFAULT_LOCALE
  }
}

export const messages = { 'zh-CN': zhCN, en }

export const i18n = createI18n({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  messages,
  missingWarn: false,
  fallbackWarn: false,
})

export function currentLocale() {
  return i18n.global.locale.value
}

export function setLocale(locale) {
  if (!LOCALES.includes(locale)) return
  i18n.global.locale.value = locale
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale)
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  if (globalThis.document) document.documentElement.lang = locale
}
