// The logged-in user and the CSRF token of the session. The session cookie itself is HttpOnly and
// never seen here; the token is kept in memory only and restored from GET /auth/me after a reload.
import { defineStore } from 'pinia'
import { authApi } from '../api/endpoints.js'
import { setCsrfToken } from '../api/client.js'

export const useSessionStore = defineStore('session', {
  state: () => ({
    user: null,
    checked: false, // the start-up probe (GET /auth/me) has answered
    probeError: null, // the probe failed for a reason other than 401 (server down…)
    scopeLabel: null, // the dashboard's scope.label, when it has been seen
  }),
  getters: {
    loggedIn: (s) => s.user !== null,
  },
  actions: {
    accept(answer) {
      this.user = answer?.user ?? null
      setCsrfToken(answer?.csrf_token ?? null)
      this.checked = true
      this.probeError = null
    },
    async login(username, password) {
      const answer = await authApi.login(username, password)
      this.accept(answer)
      // Some servers may leave the token out of the log-in answer; /auth/me always has it.
      if (!answer?.csrf_token) this.accept(await authApi.me())
    },
    async probe() {
      try {
        this.accept(await authApi.me())
      } catch (e) {
        this.clear()
        this.checked = true
        if (e.status !== 401) this.probeError = e
      }
    },
    async logout() {
      try {
        await authApi.logout()
      } finally {
        this.clear()
      }
    },
    clear() {
      this.user = null
      this.scopeLabel = null
      setCsrfToken(null)
    },
  },
})
