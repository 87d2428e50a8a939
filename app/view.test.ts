import { describe, expect, it } from 'vitest'
import { parseConfig } from './config/config.ts'
import { resolveView } from './view.ts'

const config = parseConfig({ defaultRegion: 'us-east-2', cognito: { region: 'us-east-2', identityPoolId: 'us-east-2:1234abcd' } })

describe('resolveView', () => {
  it('resolves a detail link, the inventory of one region, and of every region when none is named', () => {
    expect(resolveView('?region=eu-west-1&snapshot=web-1', config).resolved).toEqual({ kind: 'detail', resource: 'instance', region: 'eu-west-1', name: 'web-1' })
    expect(resolveView('?region=eu-west-1', config).resolved).toEqual({ kind: 'inventory', region: 'eu-west-1' })
    expect(resolveView('', config)).toMatchObject({ resolved: { kind: 'inventory' }, region: 'us-east-2' })
    expect(resolveView('?snapshot=web-1', config).resolved).toEqual({ kind: 'detail', resource: 'instance', region: 'us-east-2', name: 'web-1' })
  })

  it('resolves a disk snapshot link, and refuses a link that names both kinds', () => {
    expect(resolveView('?region=us-east-2&diskSnapshot=web-1-media-weekly', config).resolved).toEqual({ kind: 'detail', resource: 'disk', region: 'us-east-2', name: 'web-1-media-weekly' })
    expect(resolveView('?region=us-east-2&diskSnapshot=bad name', config).resolved).toMatchObject({ kind: 'bad-name', name: 'bad name' })
    expect(resolveView('?region=us-east-2&snapshot=a1&diskSnapshot=b2', config).resolved).toMatchObject({ kind: 'bad-name', problem: expect.stringContaining('not both') })
  })

  it('refuses malformed and unknown regions, and names that cannot exist', () => {
    expect(resolveView('?region=Ohio&snapshot=web-1', config).resolved).toMatchObject({ kind: 'bad-region', problem: expect.stringContaining('not a region name') })
    expect(resolveView('?region=eu-mars-9', config).resolved).toMatchObject({ kind: 'bad-region', problem: expect.stringContaining('not a Lightsail region') })
    expect(resolveView('?region=us-west-1', config).resolved).toMatchObject({ kind: 'bad-region', problem: expect.stringContaining('not a Lightsail region') })
    expect(resolveView('?snapshot=-x-', config).resolved).toMatchObject({ kind: 'bad-name', name: '-x-' })
  })

  it('keeps to the regions config.json allows', () => {
    const limited = parseConfig({ defaultRegion: 'eu-west-1', regions: ['eu-west-1'], cognito: { region: 'us-east-2', identityPoolId: 'us-east-2:1234abcd' } })
    expect(resolveView('?region=us-east-2&snapshot=web-1', limited).resolved.kind).toBe('bad-region')
    expect(resolveView('?snapshot=web-1', limited).resolved).toEqual({ kind: 'detail', resource: 'instance', region: 'eu-west-1', name: 'web-1' })
    expect(resolveView('', limited).regions).toEqual(['eu-west-1'])
  })
})
