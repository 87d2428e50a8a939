// Components loaded when needed, without Suspense. React 19 holds a Suspense boundary's content back for up to 300 ms
// after its fallback was shown, so that content revealed in a burst arrives in one go. For a page whose code arrives
// while its data is on the way, that wait came on top of the data: the inventory's first rows were painted about 300 ms
// after its placeholder, whenever the rows had arrived. A component made by `loadable` renders its placeholder until
// its code has arrived, and itself in the render right after.
import { createElement, useEffect, useState, type ComponentType, type ReactNode } from 'react'

/**
 * A component whose code `load` fetches when it is first shown: `placeholder` (given the same props) until then. Made once, at module level,
 * like React.lazy's. A failed load is thrown for the nearest error boundary and forgotten as the boundary takes this
 * part down, so its "Try again" loads it again (React.lazy keeps the failure for the life of the page).
 */
export function loadable<P extends object>(load: () => Promise<ComponentType<P>>, placeholder: (props: P) => ReactNode): ComponentType<P> {
  let loaded: ComponentType<P> | undefined
  let failed: { error: unknown } | undefined
  let loading: Promise<void> | undefined
  return function Loadable(props: P) {
    const [, arrived] = useState(false)
    useEffect(() => {
      if (loaded) return
      loading ??= load().then(
        (component) => void (loaded = component),
        (error: unknown) => void (failed = { error }),
      )
      // Not a transition: one would wait behind every update that interrupts it, and the inventory's pages arriving
      // kept the clean-up view's candidates off the screen for as long as they came.
      void loading.then(() => arrived(true))
      return () => {
        if (failed) failed = loading = undefined
      }
    }, [])
    if (failed) throw failed.error
    return loaded ? createElement(loaded, props) : placeholder(props)
  }
}
