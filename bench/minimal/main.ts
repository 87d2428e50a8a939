// The bare minimum the dashboard cannot do without, built the same way, for `npm run bench` to compare against:
// React, React Query, and the two SDK clients with one command each.
import { CognitoIdentityClient, GetIdCommand } from '@aws-sdk/client-cognito-identity'
import { GetInstanceSnapshotCommand, LightsailClient } from '@aws-sdk/client-lightsail'
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query'
import { createElement } from 'react'
import { createRoot } from 'react-dom/client'

const cognito = new CognitoIdentityClient({ region: 'us-east-2' })
const lightsail = new LightsailClient({ region: 'us-east-2', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } })

function View() {
  const id = useQuery({ queryKey: ['id'], queryFn: () => cognito.send(new GetIdCommand({ IdentityPoolId: 'us-east-2:0' })) })
  const snap = useQuery({
    queryKey: ['snap'],
    queryFn: () => lightsail.send(new GetInstanceSnapshotCommand({ instanceSnapshotName: 'x' })),
    enabled: !!id.data,
  })
  return createElement('p', null, snap.data?.instanceSnapshot?.state ?? 'loading')
}

createRoot(document.getElementById('root')!).render(
  createElement(QueryClientProvider, { client: new QueryClient() }, createElement(View)),
)
