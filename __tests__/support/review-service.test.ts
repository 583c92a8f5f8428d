import { describe, expect, test } from '@jest/globals'
import { schemaErrors } from './review-service.mjs'

// The schema the review stand-in's answers are held to (review-api.schema.json, from the plugin's
// src/types.d.ts at e15700e): what it refuses is what no stand-in can send.
describe('the review API schema', () => {
  test.each([
    ['a PullRequest with a sarif_url', 'PullRequest', { id: 'p', sarif_url: 'https://x' }],
    [
      'a pull request report with a sarif_url',
      'PullRequest',
      {
        id: 'p',
        last_pull_request_review_report: { id: 'r', default_report_policy_id: 'd', sarif_url: 'x' }
      }
    ],
    [
      'report_policies as a list',
      'PullRequest',
      {
        id: 'p',
        last_pull_request_review_report: {
          id: 'r',
          default_report_policy_id: 'd',
          report_policies: [{ id: 'x' }]
        }
      }
    ],
    [
      'a task status the plugin does not know',
      'Scan',
      { id: 's', default_scan_policy_id: 'd', task: { id: 't', status: 'RUNNING' } }
    ],
    [
      'a status_check of PASSED_WITH_WARNINGS',
      'Scan',
      { id: 's', default_scan_policy_id: 'd', status_check: 'PASSED_WITH_WARNINGS' }
    ],
    ['a Scan without its default policy id', 'Scan', { id: 's' }]
  ] as const)('refuses %s', (_, type, body) => {
    expect(schemaErrors(type, body)).not.toEqual([])
  })

  test.each([
    [
      'a PullRequest in the plugin’s shape',
      'PullRequest',
      {
        id: 'p',
        approval: 'APPROVED',
        last_pull_request_review_report: {
          id: 'r',
          default_report_policy_id: 'd',
          to_revision: {
            id: 'v',
            sha: 'abc',
            last_scan: { id: 's', scan_policies: [{ id: 'x', sarif_url: 'https://x' }] }
          },
          report_policies: { id: 'x', title: 'Security', result: 'NOT_PASSED' },
          result: 'NOT_PASSED',
          obsolete: false
        },
        task: { id: 't', status: 'THROTTLED', outcome: 'PENDING' }
      }
    ],
    [
      'a Scan with its SARIF and status check',
      'Scan',
      {
        id: 's',
        default_scan_policy_id: 'd',
        sarif_url: 'https://x',
        status_check: 'PENDING',
        status_check_issue_behavior: 'REFERENCE_DATE',
        scan_policies: [{ id: 'x', status_check: 'PASSED', sarif_url: 'https://x' }]
      }
    ]
  ] as const)('accepts %s', (_, type, body) => {
    expect(schemaErrors(type, body)).toEqual([])
  })
})
