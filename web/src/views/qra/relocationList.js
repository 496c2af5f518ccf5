// The relocation list page's query: its filters as kept in the URL (composables/useListQuery.js) ->
// the query of GET /qra/relocation-list.
import { ACTIONS } from '../../qra.js'

export const LIST_DEFAULTS = Object.freeze({ run: '', action: '', division: '', all: '', page: 1, page_size: 20 })

// Parameters the server would refuse (an action it does not know, a run id that is not a number) are
// left out rather than sent: a hand-edited URL shows the whole list instead of an error.
export function relocationQuery(state) {
  return {
    run: /^\d+$/.test(state.run) ? state.run : undefined,
    action: ACTIONS.includes(state.action) ? state.action : undefined,
    division: state.division || undefined,
    all: state.all === 'true' ? 'true' : undefined,
    page: state.page,
    page_size: state.page_size,
  }
}

// The count of an action in the run's scope (by_action), 0 when the answer has none.
export function actionCount(byAction, action) {
  const n = Number(byAction?.[action])
  return Number.isFinite(n) ? n : 0
}

// The sum of by_action: every enterprise of the scope assessed in the run.
export function totalAssessed(byAction) {
  return ACTIONS.reduce((sum, a) => sum + actionCount(byAction, a), 0)
}
