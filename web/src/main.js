import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import elementPlus from './plugins-element.js'
import { i18n, currentLocale } from './i18n/index.js'
import { router } from './router/index.js'
import { setLocaleProvider, setUnauthenticatedHandler } from './api/client.js'
import { useSessionStore } from './stores/session.js'
import './styles.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia).use(i18n).use(elementPlus).use(router)

setLocaleProvider(currentLocale)

// Any 401 outside log-in: the session has expired or was ended elsewhere; back to the log-in page,
// returning to the current page afterwards.
setUnauthenticatedHandler(() => {
  const session = useSessionStore(pinia)
  session.clear()
  const current = router.currentRoute.value
  if (current.name !== 'login') {
    router.replace({ name: 'login', query: { redirect: current.fullPath, expired: '1' } })
  }
})

document.documentElement.lang = currentLocale()
app.mount('#app')
