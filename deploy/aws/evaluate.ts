// CloudFormation's intrinsic functions, evaluated as CloudFormation does once a stack's values are known: Ref,
// Fn::Sub, Fn::GetAtt, Fn::Join, Fn::If with the template's conditions, and AWS::NoValue dropping what it stands in.
// For reading the generated template as a deployed stack would be (tests, and the CloudFront model). Tests only.

type Json = unknown

export interface StackValues {
  /** Parameters (lists as arrays), pseudo parameters (AWS::Region…) and the resources' Ref values. */
  refs: Record<string, string | string[]>
  /** `Resource.Attribute` values for Fn::GetAtt and `${Resource.Attribute}`. */
  attributes: Record<string, string>
}

const NO_VALUE = Symbol('AWS::NoValue')

export function evaluator(template: Record<string, Json>, values: StackValues) {
  const conditions = (template.Conditions ?? {}) as Record<string, Json>
  const parameters = (template.Parameters ?? {}) as Record<string, { Default?: string; Type: string }>
  const refs: Record<string, string | string[]> = {}
  for (const [name, parameter] of Object.entries(parameters)) {
    if (parameter.Default !== undefined) refs[name] = parameter.Type === 'CommaDelimitedList' ? parameter.Default.split(',').filter(Boolean) : parameter.Default
  }
  Object.assign(refs, values.refs)

  const ref = (name: string): string | string[] => {
    if (!(name in refs)) throw new Error(`no value for Ref ${name}`)
    return refs[name]!
  }
  const sub = (text: string, vars: Record<string, string>) =>
    text.replace(/\$\{(!?)([^}]+)\}/g, (_whole, bang: string, name: string) => {
      if (bang) return `\${${name}}`
      if (name in vars) return vars[name]!
      if (name.includes('.') && !name.startsWith('AWS::')) {
        if (!(name in values.attributes)) throw new Error(`no value for \${${name}}`)
        return values.attributes[name]!
      }
      const value = ref(name)
      if (Array.isArray(value)) throw new Error(`\${${name}} is a list`)
      return value
    })

  function condition(name: string): boolean {
    if (!(name in conditions)) throw new Error(`no condition ${name}`)
    return Boolean(evaluate(conditions[name]))
  }

  function evaluate(value: Json): Json {
    if (Array.isArray(value)) return value.map(evaluate).filter((v) => v !== NO_VALUE)
    if (value === null || typeof value !== 'object') return value
    const entries = Object.entries(value as Record<string, Json>)
    if (entries.length === 1) {
      const [key, arg] = entries[0]!
      const args = arg as Json[]
      switch (key) {
        case 'Ref':
          return arg === 'AWS::NoValue' ? NO_VALUE : ref(arg as string)
        case 'Fn::Sub': {
          if (typeof arg === 'string') return sub(arg, {})
          const vars = Object.fromEntries(Object.entries(args[1] as Record<string, Json>).map(([k, v]) => [k, String(evaluate(v))]))
          return sub(args[0] as string, vars)
        }
        case 'Fn::GetAtt': {
          const name = (args as string[]).join('.')
          if (!(name in values.attributes)) throw new Error(`no value for Fn::GetAtt ${name}`)
          return values.attributes[name]
        }
        case 'Fn::Join':
          return (evaluate(args[1]) as string[]).join(args[0] as string)
        case 'Fn::If':
          return evaluate(condition(args[0] as string) ? args[1] : args[2])
        case 'Fn::Equals':
          return evaluate(args[0]) === evaluate(args[1])
        case 'Fn::Not':
          return !evaluate(args[0])
        case 'Fn::And':
          return args.every((a) => Boolean(evaluate(a)))
        case 'Fn::Or':
          return args.some((a) => Boolean(evaluate(a)))
        case 'Condition':
          return condition(arg as string)
      }
    }
    const out: Record<string, Json> = {}
    for (const [key, item] of entries) {
      const evaluated = evaluate(item)
      if (evaluated !== NO_VALUE) out[key] = evaluated
    }
    return out
  }

  return { evaluate, condition }
}
